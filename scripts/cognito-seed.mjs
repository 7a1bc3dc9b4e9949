// Seeds cognito-local's on-disk data with one user pool, one app client, a confirmed demo shopper
// and a demo analyst, all with fixed ids, so the build under test and the emulator agree without a handshake.
import fs from 'node:fs';
import path from 'node:path';

export const DEMO_POOL = { userPoolId: 'local_LumenDemo', clientId: 'lumendemoclient0000000000' };

export const DEMO_SHOPPER = {
  email: 'shopper@lumen.test',
  password: 'LumenDemo!2026',
  sub: '5f1c8a3e-2b7d-4e9a-9c61-0d4b7e2a9f10',
};

/** Reads /insights: a member of the `analysts` group, which the insights API requires. */
export const DEMO_ANALYST = {
  email: 'analyst@lumen.test',
  password: 'LumenDemo!2026',
  sub: '9d3b6f2a-7c41-4e58-a0b9-3e6c1f8d2a47',
  group: 'analysts',
};

const CREATED = '2026-01-01T00:00:00.000Z';

const user = ({ sub, email, password }, name) => ({
  Username: sub,
  Password: password,
  Attributes: [
    { Name: 'sub', Value: sub },
    { Name: 'email', Value: email },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'name', Value: name },
  ],
  Enabled: true,
  UserStatus: 'CONFIRMED',
  UserCreateDate: CREATED,
  UserLastModifiedDate: CREATED,
  RefreshTokens: [],
});

/**
 * Writes config.json, db/clients.json and db/<poolId>.json under `dir` (cognito-local reads
 * `.cognito/` under its cwd). `issuerBase` is the emulator URL that ends up in the tokens' `iss`.
 */
export function seedCognito(dir, { port = 9329, host = '127.0.0.1' } = {}) {
  const db = path.join(dir, 'db');
  fs.mkdirSync(db, { recursive: true });
  const config = {
    UserPoolDefaults: { UsernameAttributes: ['email'] },
    TokenConfig: { IssuerDomain: `http://${host}:${port}` },
  };
  const clients = {
    Clients: {
      [DEMO_POOL.clientId]: {
        UserPoolId: DEMO_POOL.userPoolId,
        ClientName: 'lumen-storefront',
        ClientId: DEMO_POOL.clientId,
        CreationDate: CREATED,
        LastModifiedDate: CREATED,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
      },
    },
  };
  const pool = {
    Users: {
      [DEMO_SHOPPER.sub]: user(DEMO_SHOPPER, 'Demo Shopper'),
      [DEMO_ANALYST.sub]: user(DEMO_ANALYST, 'Demo Analyst'),
    },
    // cognito-local keeps a group's members by username and puts the groups in both tokens.
    Groups: {
      [DEMO_ANALYST.group]: {
        GroupName: DEMO_ANALYST.group,
        UserPoolId: DEMO_POOL.userPoolId,
        Description: 'May read the insights reports',
        CreationDate: CREATED,
        LastModifiedDate: CREATED,
        members: [DEMO_ANALYST.sub],
      },
    },
    Options: { Id: DEMO_POOL.userPoolId, Name: 'lumen-demo', UsernameAttributes: ['email'] },
  };
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2));
  fs.writeFileSync(path.join(db, 'clients.json'), JSON.stringify(clients, null, 2));
  fs.writeFileSync(path.join(db, `${DEMO_POOL.userPoolId}.json`), JSON.stringify(pool, null, 2));
}
