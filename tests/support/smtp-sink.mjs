// A throwaway SMTP server for tests: accepts mail on 127.0.0.1 and writes each
// message, parsed by mailparser, to <outdir>/<n>.json (n = 1, 2, … in arrival order).
//
// Usage: node tests/support/smtp-sink.mjs <port|0> <outdir> [options]
//   --reject-first=N   refuse the first N messages at the end of DATA (no file is written)
//   --reject-code=C    the SMTP code of those refusals (default 451, temporary; 5xx = permanent)
//   --exit-with-stdin  exit when stdin closes, so a crashed parent leaves no server behind
// Prints exactly one line, "SMTP_PORT=<port>", on stdout once listening; exits on
// SIGTERM or SIGINT. No TLS, no AUTH. Each JSON file is written atomically and
// before the server answers 250, so it exists as soon as the client sees success:
//   { from, fromName, to: [address…], subject, text, html, messageId, date,
//     envelope: { mailFrom, rcptTo: [address…] }, raw }
// `html` is "" for a text-only message; `messageId` keeps its angle brackets.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

function usage(message) {
  process.stderr.write(`smtp-sink: ${message}\n`);
  process.stderr.write('usage: node smtp-sink.mjs <port|0> <outdir> [--reject-first=N] ' +
                       '[--reject-code=C] [--exit-with-stdin]\n');
  process.exit(2);
}

const positional = [];
const options = { rejectFirst: 0, rejectCode: 451, exitWithStdin: false };
for (const arg of process.argv.slice(2)) {
  const [flag, value] = arg.split(/=(.*)/s);
  if (flag === '--reject-first' && /^\d+$/.test(value ?? '')) {
    options.rejectFirst = Number(value);
  } else if (flag === '--reject-code' && /^[45]\d\d$/.test(value ?? '')) {
    options.rejectCode = Number(value);
  } else if (arg === '--exit-with-stdin') {
    options.exitWithStdin = true;
  } else if (arg.startsWith('--')) {
    usage(`unknown or malformed option ${arg}`);
  } else {
    positional.push(arg);
  }
}
if (positional.length !== 2) usage('expected a port and an output directory');
const port = Number(positional[0]);
if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`bad port ${positional[0]}`);
const outdir = path.resolve(positional[1]);
mkdirSync(outdir, { recursive: true });

let received = 0;
let stored = 0;

function addresses(field) {
  // mailparser gives one AddressObject, or an array of them for repeated headers.
  const objects = field ? (Array.isArray(field) ? field : [field]) : [];
  return objects.flatMap((o) => o.value).map((a) => a.address ?? '').filter(Boolean);
}

async function store(raw, session) {
  const parsed = await simpleParser(raw);
  const sender = parsed.from?.value?.[0] ?? {};
  const record = {
    from: sender.address ?? '',
    fromName: sender.name ?? '',
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    messageId: parsed.messageId ?? '',
    date: parsed.date ? parsed.date.toISOString() : '',
    envelope: {
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      rcptTo: session.envelope.rcptTo.map((r) => r.address),
    },
    raw: raw.toString('utf8'),
  };
  stored += 1;
  const target = path.join(outdir, `${stored}.json`);
  writeFileSync(`${target}.tmp`, JSON.stringify(record, null, 2));
  renameSync(`${target}.tmp`, target);
}

const server = new SMTPServer({
  secure: false,
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('error', callback);
    stream.on('end', () => {
      received += 1;
      if (received <= options.rejectFirst) {
        const error = new Error(`smtp-sink refuses message ${received} on purpose`);
        error.responseCode = options.rejectCode;
        callback(error);
        return;
      }
      store(Buffer.concat(chunks), session).then(
        () => callback(null, `stored as ${stored}.json`),
        (error) => {
          process.stderr.write(`smtp-sink: ${error.stack ?? error}\n`);
          const failure = new Error('smtp-sink could not store the message');
          failure.responseCode = 451;
          callback(failure);
        },
      );
    });
  },
});

let listening = false;
server.on('error', (error) => {
  process.stderr.write(`smtp-sink: ${error.message}\n`);
  // Before listening, an error (port taken) is fatal; afterwards it is one client's.
  if (!listening) process.exit(1);
});

function stop() {
  server.close(() => process.exit(0));
  // Open client connections would keep close() waiting: do not wait long.
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (options.exitWithStdin) {
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}

server.listen(port, '127.0.0.1', () => {
  listening = true;
  process.stdout.write(`SMTP_PORT=${server.server.address().port}\n`);
});
