/** Checks a bearer token; resolves to the token's `sub` when it is valid for our app, else null. Never throws. */
export interface TokenVerifier {
  verify(token: string): Promise<string | null>;
}
