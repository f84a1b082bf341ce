// The DTOs' own messages say only the rule: the validation pipe starts every message with the field's path, so a
// message of its own that names its field would read twice. A list of codes names each in Chinese, as
// `CODE（名称）`, so a person can read it (the pages show only the names).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getMetadataStorage, type ValidationArguments } from 'class-validator';
import { PROJECT_ROOT } from '../../config/project-root.js';
import { filesUnder } from '../../../test/support/source-tree.js';

/** Capitals that are not codes: date and week patterns, formats people know by these letters. */
const NOT_CODES = new Set(['YYYY', 'UUID', 'XLSX']);
const CODE = /(?<![A-Za-z0-9_])[A-Z][A-Z0-9_]{3,}(?![A-Za-z0-9_（])/g;

interface Message {
  dto: string;
  property: string;
  message: string;
}

async function dtoMessages(): Promise<Message[]> {
  for (const file of filesUnder(path.join(PROJECT_ROOT, 'src'), '.dto.ts')) await import(pathToFileURL(file).href);
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<new () => unknown, { propertyName: string; message?: unknown }[]>;
  };
  return [...storage.validationMetadatas].flatMap(([target, metadatas]) =>
    metadatas
      .filter((m) => m.message !== undefined)
      .map((m) => ({
        dto: target.name,
        property: m.propertyName,
        message:
          typeof m.message === 'function'
            ? String((m.message as (args: ValidationArguments) => string)({} as ValidationArguments))
            : String(m.message),
      })),
  );
}

describe('DTO messages', () => {
  let messages: Message[];
  beforeAll(async () => {
    messages = await dtoMessages();
  });

  it('are read from every DTO', () => {
    expect(messages.length).toBeGreaterThan(150);
  });

  it('do not name their own field (the pipe does)', () => {
    const named = messages.filter((m) => /^[A-Za-z][\w.[\]]*：/.test(m.message));
    expect(named.map((m) => `${m.dto}.${m.property}: ${m.message}`)).toEqual([]);
  });

  it('give each code they list its Chinese name', () => {
    const bare = messages.filter((m) => (m.message.match(CODE) ?? []).some((word) => !NOT_CODES.has(word)));
    expect(bare.map((m) => `${m.dto}.${m.property}: ${m.message}`)).toEqual([]);
  });
});
