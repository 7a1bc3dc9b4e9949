export declare const DEMO_POOL: { readonly userPoolId: string; readonly clientId: string };
export declare const DEMO_SHOPPER: { readonly email: string; readonly password: string; readonly sub: string };
export declare const DEMO_ANALYST: { readonly email: string; readonly password: string; readonly sub: string; readonly group: string };
export declare function seedCognito(dir: string, options?: { port?: number; host?: string }): void;
