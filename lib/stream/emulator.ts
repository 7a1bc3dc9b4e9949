/**
 * The credentials of a client of an emulator (kinesis-local, dynalite): they check none, so with
 * an endpoint set and none in the environment, fixed local ones stand in and a developer needs no
 * AWS profile. Without an endpoint, nothing: the SDK's own chain applies.
 */
export function emulatorCredentials(endpoint: string | undefined, env: Record<string, string | undefined> = process.env) {
  return endpoint && !env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {};
}
