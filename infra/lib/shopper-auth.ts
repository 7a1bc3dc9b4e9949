import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccountRecovery, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/**
 * The store's shoppers: email sign-in with self sign-up. The app client has no secret because it
 * runs in the browser (aws-amplify); it allows SRP (production) and plain password (what
 * cognito-local supports, and handy for smoke tests) flows.
 */
export class ShopperAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: { minLength: 10, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Shopper accounts outlive any one deployment of the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.client = this.userPool.addClient('StoreClient', {
      generateSecret: false,
      // Sign-in happens in the store's own form (aws-amplify), not Cognito's hosted UI.
      disableOAuth: true,
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
  }
}
