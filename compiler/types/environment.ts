import type { PayloadType } from '../../runtime/manifest/types.js';

/** What type operations need to know about the program: declared types and function signatures. */
export interface TypeEnvironment {
  /** A declared type by name, or undefined if there is none (it then reads as `unknown`). */
  named(name: string): PayloadType | undefined;
  /** The input payload of a function: declared, inferred, or `unknown`. */
  functionInput(name: string): PayloadType;
  /**
   * The event a function is invoked with asynchronously: what `requestPayload` of its
   * invocation records holds (an SNS event for a function behind a topic).
   */
  functionRequest(name: string): PayloadType;
  /** The declared output of a function; null when it declares none. */
  functionOutput(name: string): PayloadType | null;
  /**
   * Whether every answer is final. While inference runs, a question asked inside its own
   * cycle gets a provisional `unknown`, so type comparisons are not remembered across calls
   * until this says true; an environment without it is taken as final.
   */
  settled?(): boolean;
}
