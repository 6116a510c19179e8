/**
 * GET a URL's body as text, with node:http and node:https: loading the
 * implementation of `fetch` (undici) took 50 ms of every build that reads its
 * previous feed from the web (70 ms against 21 ms for one small local feed),
 * as much as the rest of reading that feed. Redirects are followed, a
 * compressed body is decompressed, and the whole exchange has one deadline.
 */
import type { IncomingMessage } from 'node:http';

const MAX_REDIRECTS = 5;

export interface Got {
  status: number;
  text: string;
}

export async function getText(url: string, timeoutMs: number): Promise<Got> {
  const deadline = AbortSignal.timeout(timeoutMs);
  let at = new URL(url);
  for (let redirects = 0; ; redirects++) {
    const response = await request(at, deadline);
    const location = response.headers.location;
    if ([301, 302, 303, 307, 308].includes(response.statusCode ?? 0) && location !== undefined) {
      response.resume();
      if (redirects === MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
      at = new URL(location, at);
      continue;
    }
    return { status: response.statusCode ?? 0, text: await bodyOf(response, deadline) };
  }
}

async function request(url: URL, signal: AbortSignal): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`not an http(s) URL: ${url.href}`);
  const { get } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    get(url, { signal, headers: { 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'syndicate' } }, resolve).on('error', reject);
  });
}

async function bodyOf(response: IncomingMessage, signal: AbortSignal): Promise<string> {
  const encoding = response.headers['content-encoding'];
  let stream: NodeJS.ReadableStream = response;
  if (encoding === 'gzip' || encoding === 'deflate' || encoding === 'br') {
    const zlib = await import('node:zlib');
    const decoder = encoding === 'gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : zlib.createBrotliDecompress();
    stream = response.pipe(decoder);
    response.on('error', (e) => decoder.destroy(e));
  }
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason as Error);
    signal.addEventListener('abort', stop, { once: true });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => {
      signal.removeEventListener('abort', stop);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
