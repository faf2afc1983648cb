import type { PayloadType } from '../../../runtime/manifest/types.js';
import type { Span } from '../../source/span.js';
import type { Value } from '../../syntax/ast.js';
import { printType } from '../../types/print.js';
import { structureOf } from '../../types/structure.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL4063: a schedule's constant `input` that is not a value of the schedule's type, or an
 * `input` on a schedule without a type. Scheduler sends the input as it is, on every invocation
 * (Target.Input, https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html):
 * a wrong field would reach the handler every time. A typed schedule without `input` sends `{}`.
 * Like a TypeScript object literal, a constant may not have fields its type does not declare:
 * they are typos nothing would read.
 */
export const scheduleInputType: Rule = {
  code: 'FL4063',
  visit: {
    schedule(schedule, context) {
      const model = context.schedule(schedule);
      const setting = context.writtenOf(model, 'input');
      const declared = context.typed.declaredType(schedule.name);
      const why = "Scheduler sends the schedule's input unchanged on every invocation, and the handler's type is the schedule's type: an input of another shape fails the handler's payload check each time.";
      if (declared === null) {
        if (setting === undefined) return;
        context.report(setting.name.span, `\`input\` on \`${schedule.name}\`, which has no type`, {
          label: 'a constant input needs the schedule\'s type',
          why: 'The type of a schedule is the type of its input, which the target\'s handler is typed by; without one, the target gets Scheduler\'s context attributes (`ScheduledEvent`).',
          help: `declare the type: \`schedule ${schedule.name}: T { … }\` with \`type T = { … }\``,
        });
        return;
      }
      if (setting === undefined) {
        const missing = requiredFields(declared, context);
        if (missing.length === 0) return;
        context.report(schedule.decl.name.span, `\`${schedule.name}\` sends \`{}\`, which lacks ${fieldList(missing)} of its type`, {
          label: 'no `input`',
          why,
          help: `give the constant: \`input = { ${missing.map((m) => `${m} = …`).join(', ')} }\``,
        });
        return;
      }
      for (const problem of problemsOf(setting.value, declared, context, '')) {
        context.report(problem.at, `the \`input\` of \`${schedule.name}\` ${problem.message}`, { label: problem.label, why, help: problem.help });
      }
    },
  },
};

interface Problem {
  readonly at: Span;
  readonly message: string;
  readonly label: string;
  readonly help: string;
}

function fieldList(names: readonly string[]): string {
  return names.length === 1 ? `the field \`${names[0]}\`` : `the fields ${names.map((n) => `\`${n}\``).join(', ')}`;
}

function requiredFields(type: PayloadType, context: CheckContext): string[] {
  const structure = structureOf(type, context.typed);
  return structure.kind === 'record' ? structure.fields.filter((f) => !f.optional).map((f) => f.name) : [];
}

/** Where the constant `value` is not of `type`; `path` is the field path so far (`a.b`), for messages. */
function problemsOf(value: Value, type: PayloadType, context: CheckContext, path: string): Problem[] {
  const structure = structureOf(type, context.typed);
  const where = path === '' ? '' : ` at \`${path}\``;
  const wrong = (): Problem[] => [
    { at: value.span, message: `has ${describe(value)}${where} where its type has \`${printType(type)}\``, label: `not a value of \`${printType(type)}\``, help: `write a value of \`${printType(type)}\`${where}` },
  ];
  switch (structure.kind) {
    case 'unknown':
      return [];
    case 'string':
    case 'timestamp':
      return value.kind === 'StringValue' ? [] : wrong();
    case 'number':
      return value.kind === 'NumberValue' ? [] : wrong();
    case 'int':
      return value.kind === 'NumberValue' && Number.isInteger(value.value) ? [] : wrong();
    case 'boolean':
      return value.kind === 'BooleanValue' ? [] : wrong();
    case 'literal':
      return value.kind === 'StringValue' && value.value === structure.value ? [] : wrong();
    case 'union':
      return value.kind === 'StringValue' && structure.members.some((m) => m.kind === 'literal' && m.value === value.value) ? [] : wrong();
    case 'array':
      if (value.kind !== 'ListValue') return wrong();
      return value.items.flatMap((item, i) => problemsOf(item, structure.element, context, `${path}[${i}]`));
    case 'record': {
      if (value.kind !== 'SettingsBlock') return wrong();
      const problems: Problem[] = [];
      const names = new Set(structure.fields.map((f) => f.name));
      for (const entry of value.entries) {
        const field = structure.fields.find((f) => f.name === entry.name.text);
        const at = path === '' ? entry.name.text : `${path}.${entry.name.text}`;
        if (field === undefined) {
          problems.push({ at: entry.name.span, message: `has the field \`${at}\`, which its type does not declare`, label: 'not a field of the type', help: `remove it, or declare it in the type: ${[...names].map((n) => `\`${n}\``).join(', ') || 'the type has no fields'}` });
          continue;
        }
        problems.push(...problemsOf(entry.value, field.type, context, at));
      }
      const given = new Set(value.entries.map((e) => e.name.text));
      const missing = structure.fields.filter((f) => !f.optional && !given.has(f.name)).map((f) => f.name);
      if (missing.length > 0) {
        problems.push({ at: value.span, message: `lacks ${fieldList(missing)}${where}`, label: 'missing fields of the type', help: `add ${missing.map((m) => `\`${m} = …\``).join(', ')}` });
      }
      return problems;
    }
    default:
      return wrong();
  }
}

function describe(value: Value): string {
  switch (value.kind) {
    case 'StringValue':
      return `the string ${JSON.stringify(value.value)}`;
    case 'NumberValue':
      return `the number ${value.raw}`;
    case 'BooleanValue':
      return `\`${value.value}\``;
    case 'ListValue':
      return 'a list';
    case 'SettingsBlock':
      return 'a block';
    case 'PathValue':
      return value.text === 'null' ? '`null`' : `\`${value.text}\``;
    default:
      return 'a value';
  }
}
