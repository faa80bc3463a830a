// STS adapter: who the platform is (its account id), and whether an organization's key works yet.
import 'server-only';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { awsClients, stsClientFor, type AwsCredentials } from './aws-clients';
import { isRetryableCloudError, toAwsCloudError } from './aws-error';
import { CloudError } from './cloud-error';
import { sleep, withRetry } from './with-retry';

let platformAccount: Promise<string> | undefined;

/** The AWS account the platform credentials belong to (asked once per process). */
export function platformAccountId(): Promise<string> {
  platformAccount ??= withRetry(async () => {
    try {
      const out = await awsClients().sts.send(new GetCallerIdentityCommand({}));
      return out.Account ?? '';
    } catch (error) {
      throw toAwsCloudError('sts', error);
    }
  }, isRetryableCloudError).catch((error: unknown) => {
    platformAccount = undefined;
    throw error;
  });
  return platformAccount;
}

/**
 * Calls GetCallerIdentity with the key until AWS accepts it (new keys are eventually consistent)
 * or the time is up; resolves with the ARN the key authenticates as.
 */
export async function verifyAccessKey(
  credentials: AwsCredentials,
  timeoutMs: number,
): Promise<string> {
  const client = stsClientFor(credentials);
  const deadline = Date.now() + timeoutMs;
  let lastError: CloudError | undefined;
  try {
    for (let delay = 250; Date.now() < deadline; delay = Math.min(delay * 2, 4_000)) {
      try {
        const out = await client.send(new GetCallerIdentityCommand({}));
        return out.Arn ?? '';
      } catch (error) {
        lastError = toAwsCloudError('sts', error);
        // InvalidClientTokenId is what a key not yet known to STS gets; other errors may pass too.
        await sleep(Math.min(delay, Math.max(0, deadline - Date.now())));
      }
    }
  } finally {
    client.destroy();
  }
  // Classified here, not by the table: STS says InvalidClientTokenId both for a key it does not
  // know yet and for a wrong one, and only this loop knows the key is brand new.
  throw new CloudError('sts', {
    vendorCode: lastError?.vendorCode ?? 'KeyNotAccepted',
    errorClass: 'busy',
    message: `the new access key was not accepted within ${Math.round(timeoutMs / 1000)} s${lastError ? ` (last answer: ${lastError.detail})` : ''}`,
  });
}
