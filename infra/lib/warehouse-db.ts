import { readFileSync } from 'node:fs';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { IVpc, SubnetType } from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  AuroraPostgresEngineVersion,
  ClusterInstance,
  Credentials,
  DatabaseCluster,
  DatabaseClusterEngine,
} from 'aws-cdk-lib/aws-rds';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** The contract's database name. */
export const WAREHOUSE_DATABASE = 'clickstream_dw';
/** The database users of warehouse-roles.sql; the Lambdas connect as these with IAM tokens. */
export const LOADER_DB_USER = 'clickstream_loader';
export const INSIGHTS_DB_USER = 'clickstream_insights';

/** Plain SQL, kept in its own file so it can be read and pasted into psql (tests run it too). */
export const ROLES_SQL = readFileSync(new URL('./warehouse-roles.sql', import.meta.url), 'utf8');

/**
 * Aurora PostgreSQL Serverless v2 with a minimum of 0 ACU: after 5 minutes without a connection
 * the instance pauses and only storage is billed; the next connection resumes it (up to ~15 s).
 * The master password is generated and kept by RDS in Secrets Manager; nothing in the stack or
 * the Lambdas ever reads it except the one-off call below that creates the two IAM-auth roles.
 */
export class WarehouseDatabase extends Construct {
  readonly cluster: DatabaseCluster;
  readonly roles: AwsCustomResource;

  constructor(scope: Construct, id: string, props: { vpc: IVpc }) {
    super(scope, id);
    this.cluster = new DatabaseCluster(this, 'Cluster', {
      // 16.3 and later support 0 ACU (auto-pause).
      engine: DatabaseClusterEngine.auroraPostgres({ version: AuroraPostgresEngineVersion.VER_17_7 }),
      writer: ClusterInstance.serverlessV2('Writer'),
      serverlessV2MinCapacity: 0,
      serverlessV2MaxCapacity: 4,
      serverlessV2AutoPauseDuration: Duration.minutes(5),
      vpc: props.vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      defaultDatabaseName: WAREHOUSE_DATABASE,
      credentials: Credentials.fromUsername('warehouse_admin'),
      manageMasterUserPassword: true,
      iamAuthentication: true,
      // The Data API is what the stack creates the roles with, and what RDS Query Editor uses:
      // both work without any network path into the isolated subnets.
      enableDataApi: true,
      storageEncrypted: true,
      deletionProtection: true,
      backup: { retention: Duration.days(7) },
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });

    const secretArn = this.cluster.secret!.secretArn;
    const executeRolesSql = {
      service: 'rds-data',
      action: 'ExecuteStatement',
      parameters: { resourceArn: this.cluster.clusterArn, secretArn, database: WAREHOUSE_DATABASE, sql: ROLES_SQL },
      physicalResourceId: PhysicalResourceId.of('warehouse-roles'),
    };
    this.roles = new AwsCustomResource(this, 'Roles', {
      onCreate: executeRolesSql,
      // A deploy that changes the SQL runs it again; it is written to be repeatable.
      onUpdate: executeRolesSql,
      installLatestAwsSdk: false,
      timeout: Duration.minutes(2),
      logGroup: new LogGroup(this, 'RolesLogs', { retention: RetentionDays.ONE_MONTH }),
      // The master secret: readable by this one function, used through the Data API only.
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['rds-data:ExecuteStatement'], resources: [this.cluster.clusterArn] }),
        new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secretArn] }),
      ]),
    });
    // After the writer instance is up, not only the cluster resource (its security group rules
    // are left out: they name the Lambdas, which in turn wait for the roles).
    this.roles.node.addDependency(this.cluster.node.findChild('Writer'));
  }
}
