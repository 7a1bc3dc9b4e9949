import { DatabaseCluster } from 'aws-cdk-lib/aws-rds';
import { WAREHOUSE_DATABASE } from './warehouse-db';

/**
 * How a Lambda reaches the warehouse (read by lambda/db.ts): the cluster endpoint and a database
 * user that logs in with an IAM token, over TLS verified against the Amazon RDS CAs. Node.js 20+
 * Lambda runtimes ship those CAs in /var/runtime/ca-cert.pem but do not load it unless told to.
 */
export function databaseEnvironment(cluster: DatabaseCluster, user: string): Record<string, string> {
  return {
    WAREHOUSE_DB_HOST: cluster.clusterEndpoint.hostname,
    WAREHOUSE_DB_PORT: cluster.clusterEndpoint.port.toString(),
    WAREHOUSE_DB_NAME: WAREHOUSE_DATABASE,
    WAREHOUSE_DB_USER: user,
    NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
  };
}
