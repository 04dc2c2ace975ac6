import * as fs from 'node:fs';
import * as path from 'node:path';
import avro from 'avsc';
import { TOPICS } from './topics';

const typesFile = fs.readFileSync(path.join(__dirname, 'generated', 'types.ts'), 'utf8');

describe('Avro schemas', () => {
  it.each(Object.entries(TOPICS))('parses the %s value schema', (_key, topic) => {
    expect(() => avro.Type.forSchema(topic.schema as unknown as avro.Schema)).not.toThrow();
  });

  it.each(Object.entries(TOPICS))('keeps the %s TypeScript type in step with Avro', (_key, topic) => {
    const fields = (topic.schema as unknown as { fields: { name: string }[] }).fields.map((f) => f.name);
    const block = interfaceBlock(topic.schema.name);

    expect(block.map((line) => line.split(':')[0])).toEqual(fields);
  });
});


function interfaceBlock(name: string): string[] {
  const start = typesFile.indexOf(`export interface ${name} {`);
  const end = typesFile.indexOf('\n}', start);
  return typesFile
    .slice(start, end)
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('/**'));
}
