#!/usr/bin/env -S npx tsx
import { parseArgs } from 'node:util';
import { cliEnv } from './env';
import { listenForEvents } from './listen';

const USAGE = `Usage: pnpm prood listen --forward-to <url> [--api-key sk_…] [--api-url <url>] [--events <type,…>] [--secret whsec_…]

Follows your account's events from now on and forwards each one to <url>, signed per Standard
Webhooks with the printed secret, like a webhook endpoint would receive it.
The API key may also come from PROOD_API_KEY, the API URL from PROOD_API_URL (default http://localhost:3002).`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'forward-to': { type: 'string' },
      'api-key': { type: 'string' },
      'api-url': { type: 'string' },
      events: { type: 'string' },
      secret: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals[0] !== 'listen') {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  const apiKey = values['api-key'] ?? cliEnv.PROOD_API_KEY;
  const forwardTo = values['forward-to'];
  if (!apiKey || !forwardTo) {
    console.error(
      `prood: ${!apiKey ? 'an API key (--api-key or PROOD_API_KEY)' : '--forward-to'} is required.\n\n${USAGE}`,
    );
    return 1;
  }
  if (values.secret && !values.secret.startsWith('whsec_')) {
    console.error('prood: --secret must be a whsec_… secret.');
    return 1;
  }
  const apiUrl = values['api-url'] ?? cliEnv.PROOD_API_URL;
  const listener = listenForEvents({
    apiUrl,
    apiKey,
    forwardTo,
    secret: values.secret,
    types: values.events?.split(',').map((t) => t.trim()),
    log: (line) => console.log(line),
  });
  try {
    await listener.ready;
  } catch (error) {
    console.error(`prood: cannot read events from ${apiUrl}: ${(error as Error).message}`);
    await listener.stop();
    return 1;
  }
  console.log(`Ready! Forwarding events to ${forwardTo}`);
  console.log(`Your webhook signing secret is ${listener.secret} (^C to quit)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await listener.stop();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
