import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import type { FileMap } from '../file-map.js';

export interface CloudFormationOptions {
  readonly format: 'yaml' | 'json';
}

export interface CloudFormationOutput {
  /** Paths relative to the output folder; the root template is `rootFile`, nested stacks beside it. */
  readonly files: FileMap;
  readonly rootFile: string;
}

/** Manifest → CloudFormation template files. (Being implemented: issue 4.) */
export function emitCloudFormation(manifest: FlowManifest, options: CloudFormationOptions): CloudFormationOutput {
  const rootFile = options.format === 'json' ? 'template.json' : 'template.yaml';
  const template = { AWSTemplateFormatVersion: '2010-09-09', Description: `flowc app ${manifest.app}`, Resources: {} };
  return { files: new Map([[rootFile, `${JSON.stringify(template, null, 2)}\n`]]), rootFile };
}
