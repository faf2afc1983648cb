import type { DeploySettings, FlowManifest } from '../../runtime/manifest/schema.js';
import { stageStackName } from '../../runtime/manifest/names.js';

/** Where deploy and diff go: each setting from the command line, else from the stage's block. */
export interface StageTarget {
  readonly stack?: string;
  readonly region?: string;
  readonly account?: string;
  readonly bucket?: string;
  readonly profile?: string;
}

/** The options of `deploy` and `diff` that a stage block may set (`region = …` in `stage prod { … }`). */
const optionOf: Readonly<Record<keyof DeploySettings, string>> = {
  region: '--region',
  account: '--account',
  bucket: '--bucket',
  profile: '--profile',
  stack: '--stack',
};

/**
 * The target of `flowc deploy FILE --stage prod`: the stage block's deploy settings
 * (manifest.deploy), each replaced by its command-line option when one is given, and the
 * stack `<app>-<stage>` when neither names one. `overrides` has a line for each option that
 * replaces a different value of the block, which deploy prints before it asks anything of AWS,
 * so that nobody deploys elsewhere than the block says without being told.
 */
export function stageTarget(manifest: FlowManifest, given: StageTarget): { readonly target: StageTarget; readonly overrides: readonly string[] } {
  const block: DeploySettings = manifest.deploy ?? {};
  const target: Record<string, string> = {};
  const overrides: string[] = [];
  for (const key of Object.keys(optionOf) as (keyof DeploySettings)[]) {
    const option = given[key];
    const written = block[key];
    const value = option ?? written;
    if (value !== undefined) target[key] = value;
    if (option !== undefined && written !== undefined && option !== written) {
      overrides.push(`${optionOf[key]} ${option} overrides \`${key} = "${written}"\` of stage ${manifest.stage ?? ''}`);
    }
  }
  if (target['stack'] === undefined && manifest.stage !== undefined) target['stack'] = stageStackName(manifest.app, manifest.stage);
  return { target, overrides };
}
