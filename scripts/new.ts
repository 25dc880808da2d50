/**
 * The generator (docs/extending.md): a new node, or a new use case reacting to an event, in the project's shape.
 *   npm run new -- node <role> [--agency ID] [--name "NAME"] [--district "DISTRICT"]
 *   npm run new -- handler <node> <area>.<event>.v<N> --from <role> [--use-case VERB-NOUN] [--reaction VERB] [--aggregate NOUN]
 * It writes only new files and a few lines in the registries it names; it never overwrites a file.
 */
import { Files } from './generate/files.js';
import { generateHandler } from './generate/handler-generator.js';
import { generateNode } from './generate/node-generator.js';

const USAGE =
  'usage: npm run new -- node <role> [--agency ID] [--name NAME] [--district DISTRICT]\n' +
  '       npm run new -- handler <node> <area>.<event>.v<N> --from <role> [--use-case VERB-NOUN] [--reaction VERB] [--aggregate NOUN]';

async function main(argv: string[]): Promise<number> {
  const [kind, first, second] = argv;
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  // npm runs scripts in the package's root: the checkout the generator writes into.
  const files = new Files(process.cwd());
  const notes: string[] = [];
  if (kind === 'node' && first) {
    generateNode(files, { role: first, agency: flag('agency'), name: flag('name'), district: flag('district') });
  } else if (kind === 'handler' && first && second) {
    const from = flag('from');
    if (!from) throw new Error(`handler needs --from <role>: who sends the event\n${USAGE}`);
    notes.push(
      ...generateHandler(files, {
        node: first,
        pattern: second,
        from,
        useCase: flag('use-case'),
        reaction: flag('reaction'),
        aggregate: flag('aggregate'),
      }),
    );
  } else {
    console.error(USAGE);
    return 2;
  }
  for (const path of await files.commit()) console.log(`  ${path}`);
  for (const note of notes) console.log(`note: ${note}`);
  console.log('next: npm run check && npm run build (docs/extending.md says what to write and which tests to run)');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
