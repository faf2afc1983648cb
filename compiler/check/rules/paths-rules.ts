import type { Rule } from '../rule.js';
import { handlerInGeneratedFolder } from './handler-in-generated-folder.js';
import { handlerNotAModule } from './handler-not-a-module.js';
import { handlerOutsideFolder } from './handler-outside-folder.js';
import { unusablePath } from './unusable-path.js';

/** Rules about the handler paths of a flow (FL2014–FL2017); see index.ts. */
export const pathsRules: readonly Rule[] = [handlerOutsideFolder, handlerInGeneratedFolder, unusablePath, handlerNotAModule];
