import { knownProfiles } from '../deploy/profiles.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { OutputProblem } from './output-plan.js';

/**
 * FL9028 when `--profile` names a profile that neither shared file has. The SDK would only say
 * that it could not load credentials, at the first call, which reads as a permissions problem.
 */
export async function unknownProfileProblem(profile: string | undefined): Promise<OutputProblem | undefined> {
  if (profile === undefined) return undefined;
  const { names, files } = await knownProfiles();
  if (names.includes(profile)) return undefined;
  const where = `${files[0]} or ${files[1]}`;
  const known = names.length === 0 ? `; neither file has a profile` : `; the profiles there: ${names.join(', ')}`;
  const close = didYouMean(profile, names);
  return {
    code: 'FL9028',
    message: `there is no AWS profile \`${profile}\` in ${where}${known}`,
    help: `${close !== undefined ? `${close} ` : ''}give one of the profiles with --profile, or create this one: \`aws configure --profile ${profile}\``,
  };
}
