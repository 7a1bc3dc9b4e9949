import { GatewayVpcEndpoint, GatewayVpcEndpointAwsService, IpAddresses, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { AnyPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * The warehouse's private network: two AZs of isolated subnets and nothing else. No NAT gateway
 * (about $33 a month each, idle or not) and no internet gateway: the Lambdas reach S3 through a
 * gateway endpoint (free) and the database inside the VPC; their logs and EMF metrics leave through
 * the Lambda service itself, not the VPC. No other AWS API is needed from inside, except DynamoDB
 * for the live view (stream transport), through a gateway endpoint of its own (free as well).
 */
export class WarehouseNetwork extends Construct {
  readonly vpc: Vpc;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr('10.42.0.0/24'),
      // Fixed AZ names would need a lookup at synth; these resolve at deploy in any region.
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'isolated', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 26 }],
      gatewayEndpoints: { S3: { service: GatewayVpcEndpointAwsService.S3 } },
    });
  }

  /** A DynamoDB gateway endpoint that lets the VPC do `actions` on one table and nothing else in DynamoDB. */
  addDynamoDbEndpoint(tableArn: string, actions: string[]): GatewayVpcEndpoint {
    const endpoint = this.vpc.addGatewayEndpoint('DynamoDb', { service: GatewayVpcEndpointAwsService.DYNAMODB });
    endpoint.addToPolicy(new PolicyStatement({ principals: [new AnyPrincipal()], actions, resources: [tableArn] }));
    return endpoint;
  }
}
