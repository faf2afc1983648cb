import type { Resource, Template } from './template.js';

/**
 * JSON templates printed one resource at a time, byte for byte what
 * `JSON.stringify(template, null, 2)` writes: the nested-stack layout sizes each resource from
 * the text it will be written as (`ResourceTexts`), and a nested template is then those texts
 * joined, so that no resource is printed twice (once to size it, once to write it).
 */

/** `{\n  "x": {\n` and `\n  }\n}`: the wrapper `resourceEntry` prints a resource in and cuts away. */
const WRAPPER_HEAD = 11;
const WRAPPER_TAIL = 6;

/**
 * `"Id": {…}` indented as in the `Resources` of a template printed by
 * `JSON.stringify(template, null, 2)`, its first line indented too. One `JSON.stringify` of a
 * wrapper two levels deep, then a slice (which V8 makes without copying).
 */
function resourceEntry(id: string, resource: Resource): string {
  const text = JSON.stringify({ x: { [id]: resource } }, null, 2);
  return text.slice(WRAPPER_HEAD, text.length - WRAPPER_TAIL);
}

const NEWLINE = 10;
const SPACE = 32;
const QUOTE = 34;
const BACKSLASH = 92;

/**
 * The length `JSON.stringify(value)` would have, from `JSON.stringify(value, null, 2)` (or a
 * part of it made of whole lines, such as `resourceEntry`): the indented text less the line
 * breaks, the indentation and the space after each key's colon, which are the only white space
 * outside strings (a string never holds a raw line break: JSON escapes it).
 */
export function compactJsonLength(indented: string): number {
  let whitespace = 0;
  let inString = false;
  for (let i = 0; i < indented.length; i++) {
    const code = indented.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === SPACE || code === NEWLINE) {
      whitespace++;
    }
  }
  return indented.length - whitespace;
}

/**
 * The printed entry of each resource, made once: its compact size for the layout's budget
 * (`sizeOf`, what `JSON.stringify(resource).length` gives), its text for the template. Kept by
 * resource object, so a resource that a nested stack rewrites (a new object) is printed afresh.
 */
export class ResourceTexts {
  private readonly entries = new Map<Resource, string>();

  sizeOf(id: string, resource: Resource): number {
    // `"Id":` is in the entry's text, not in the resource's.
    return compactJsonLength(this.entry(id, resource)) - JSON.stringify(id).length - 1;
  }

  entry(id: string, resource: Resource): string {
    let text = this.entries.get(resource);
    if (text === undefined) {
      text = resourceEntry(id, resource);
      this.entries.set(resource, text);
    }
    return text;
  }
}

/**
 * `JSON.stringify(template, null, 2)` and a line break, with the entries of `Resources` taken
 * from `texts` (printed there if they are not yet).
 */
export function printTemplateJson(template: Template, texts: ResourceTexts): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(template)) {
    if (value === undefined) continue;
    if (key !== 'Resources') {
      parts.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}`);
      continue;
    }
    const resources = value as Template['Resources'];
    const entries: string[] = [];
    for (const id in resources) entries.push(texts.entry(id, resources[id] as Resource));
    parts.push(entries.length === 0 ? '  "Resources": {}' : `  "Resources": {\n${entries.join(',\n')}\n  }`);
  }
  return parts.length === 0 ? '{}\n' : `{\n${parts.join(',\n')}\n}\n`;
}
