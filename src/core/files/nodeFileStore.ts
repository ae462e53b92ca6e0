/**
 * The file store on the real disk, through node:fs: the one core file that imports it (test/unit/architecture.test.ts
 * and ESLint hold every other core file to that). Each operation keeps the guarantee the port states: reads open
 * with O_NONBLOCK, new files are created exclusively (`wx`) and removed again when writing fails, and publishing is a
 * hard link (EEXIST instead of replacing) or, on file systems without them, an exclusive copy.
 */
import { constants, promises as fs, type Dirent, type Stats } from 'node:fs';
import type { FileInfo, FileKind, FileStore, FolderEntries, FolderEntry, ReadableFile } from './fileStore';

/** Never blocks on open (a FIFO would wait for a writer forever); Windows has no such flag and no FIFOs by name. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
/** Chunk size of uploads: 1 MB reads keep a 20 MB reference as fast as curl -F (see `npm run bench`). */
const STREAM_CHUNK = 1024 * 1024;

function kindOf(s: Stats | Dirent): FileKind {
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'folder';
  if (s.isSymbolicLink()) return 'link';
  return 'other';
}

function infoOf(s: Stats): FileInfo {
  return { kind: kindOf(s), size: s.size, mtimeMs: s.mtimeMs, id: `${s.dev}:${s.ino}` };
}

function entryOf(d: Dirent): FolderEntry {
  const kind = kindOf(d);
  // A Dirent of unknown type (some network and FUSE file systems) answers false to every question.
  const known = kind !== 'other' || d.isFIFO() || d.isSocket() || d.isCharacterDevice() || d.isBlockDevice();
  return { name: d.name, kind: known ? kind : 'unknown' };
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

async function readAt(handle: fs.FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buf, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buf : buf.subarray(0, filled);
}

async function openForReading(file: string): Promise<ReadableFile> {
  const handle = await fs.open(file, READ_FLAGS);
  return {
    info: async () => infoOf(await handle.stat()),
    read: (length, position) => readAt(handle, length, position),
    close: () => handle.close(),
  };
}

async function* entries(dir: AsyncIterable<Dirent>): AsyncGenerator<FolderEntry> {
  // Leaving this loop (done, broken off, or failed) closes the directory.
  for await (const d of dir) yield entryOf(d);
}

export const nodeFileStore: FileStore = {
  stat: async (file) => infoOf(await fs.stat(file)),
  lstat: async (file) => infoOf(await fs.lstat(file)),
  realPath: (file) => fs.realpath(file),

  async listFolder(folder): Promise<FolderEntries | undefined> {
    let dir;
    try {
      dir = await fs.opendir(folder, { bufferSize: 1024 });
    } catch (e) {
      if (errno(e) === 'ENOENT') return undefined;
      throw e;
    }
    const opened = dir;
    return {
      [Symbol.asyncIterator]: () => entries(opened),
      close: () => opened.close().catch(() => undefined),
    };
  },

  async ensureFolder(folder) {
    await fs.mkdir(folder, { recursive: true });
  },

  openForReading,

  async readStart(file, length) {
    const opened = await openForReading(file);
    try {
      return await opened.read(length, 0);
    } finally {
      await opened.close();
    }
  },

  async *streamStart(file, length) {
    if (length <= 0) return;
    // `end` pins the length even if the file grows while it is being read; the stream closes the handle.
    const handle = await fs.open(file, READ_FLAGS);
    const stream = handle.createReadStream({ highWaterMark: STREAM_CHUNK, end: length - 1 });
    for await (const chunk of stream) yield chunk as Buffer;
  },

  async createNew(file, data) {
    const handle = await fs.open(file, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } catch (e) {
      await handle.close().catch(() => undefined);
      await fs.rm(file, { force: true });
      throw e;
    }
    await handle.close().catch(() => undefined);
  },

  async publishExclusive(from, to) {
    try {
      await fs.link(from, to);
      return true;
    } catch (e) {
      const code = errno(e);
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
    }
    // File systems without hard links: an exclusive copy is still never an overwrite.
    try {
      await fs.copyFile(from, to, constants.COPYFILE_EXCL);
      return true;
    } catch (e) {
      if (errno(e) === 'EEXIST') return false;
      throw e;
    }
  },

  async remove(file) {
    await fs.rm(file, { force: true });
  },
};
