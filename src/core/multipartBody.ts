/**
 * A multipart/form-data body streamed straight from disk with a known Content-Length. undici's FormData reads
 * file-backed Blobs in small slices; for a 20 MB reference that made uploads ~1.8x slower than curl -F (see
 * `npm run bench`), so the parts are written here and files are piped through 1 MB reads (the file store's
 * `streamStart`).
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FileStore } from './files/fileStore';
import { nodeFileStore } from './files/nodeFileStore';

export interface FilePart {
  field: string;
  filename: string;
  contentType: string;
  path: string;
  size: number;
}

export interface MultipartBody {
  contentType: string;
  length: number;
  /** A fresh stream per call, so a body can be sent more than once (e.g. once per fallback model). */
  stream(): Readable;
}

/** Quotes a header parameter the way browsers do (HTML spec): escape ", CR and LF. */
function quote(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function multipartBody(
  fields: Array<[string, string]>,
  files: FilePart[],
  store: FileStore = nodeFileStore,
): MultipartBody {
  const boundary = `----litellm-images-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    fields
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
      )
      .join(''),
    'utf8',
  );
  const fileHeads = files.map((f) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quote(f.field)}"; filename="${quote(f.filename)}"\r\nContent-Type: ${f.contentType}\r\n\r\n`,
      'utf8',
    ),
  );
  const crlf = Buffer.from('\r\n');
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const length =
    head.length + fileHeads.reduce((s, h, i) => s + h.length + files[i]!.size + crlf.length, 0) + tail.length;

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    stream: () => Readable.from(parts(), { objectMode: false }),
  };

  async function* parts(): AsyncGenerator<Buffer> {
    yield head;
    for (const [i, f] of files.entries()) {
      yield fileHeads[i]!;
      let sent = 0;
      // Reading stops at the length we announced even if the file grows while it is being sent.
      for await (const chunk of store.streamStart(f.path, f.size)) {
        sent += chunk.length;
        yield chunk;
      }
      if (sent !== f.size) throw new Error(`${f.filename} changed size while it was being uploaded`);
      yield crlf;
    }
    yield tail;
  }
}
