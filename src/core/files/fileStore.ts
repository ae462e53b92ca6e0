/**
 * The file-store port: everything the images part of the core (saving, history, provenance, edit inputs, the upload
 * body, the path rule) asks of the disk, and nothing more. The core decides what is safe (which names, which types,
 * which folders); a store only carries it out, with the guarantees each operation states. nodeFileStore.ts is the
 * one implementation and the one core file that touches node:fs; a test can pass another (one that records calls,
 * or maps paths) to any function taking a `store`.
 *
 * Failures reject with an Error whose `code` is the errno name (`ENOENT`, `ENOTDIR`, `EEXIST`, `EACCES`, …), as
 * Node's do, so the core can tell "not there" from "not allowed".
 */

/** What a path is. `link` only from `lstat` (the other calls follow links); `other`: a FIFO, a socket, a device. */
export type FileKind = 'file' | 'folder' | 'link' | 'other';

export interface FileInfo {
  kind: FileKind;
  size: number;
  mtimeMs: number;
  /** The file itself (device and inode): two infos with the same id are the same file, whatever its names. */
  id: string;
}

/** A folder entry; `unknown` when the file system does not say (then `lstat` does). */
export interface FolderEntry {
  name: string;
  kind: FileKind | 'unknown';
}

/** A folder's entries, read a few at a time (never the whole folder at once). Leaving a `for await` closes it. */
export interface FolderEntries extends AsyncIterable<FolderEntry> {
  /** For a listing given up before it was iterated. Never rejects. */
  close(): Promise<void>;
}

/** A file opened for reading. */
export interface ReadableFile {
  /** The opened file's own info (not the name's: it may have been swapped since). */
  info(): Promise<FileInfo>;
  /** Up to `length` bytes at `position`: fewer only at the end of the file, never more. */
  read(length: number, position: number): Promise<Buffer>;
  close(): Promise<void>;
}

export interface FileStore {
  /** The file a path leads to, links followed. */
  stat(file: string): Promise<FileInfo>;
  /** The entry itself: a symbolic link is `link`, not its target. */
  lstat(file: string): Promise<FileInfo>;
  /** The path with every link followed (rejects when one dangles or loops, or the path does not exist). */
  realPath(file: string): Promise<string>;
  /** A folder's entries, or undefined when the folder does not exist. */
  listFolder(folder: string): Promise<FolderEntries | undefined>;
  /** Creates a folder and its missing parents; one that exists is fine. */
  ensureFolder(folder: string): Promise<void>;
  /**
   * Opens a file for reading without ever waiting on it: a FIFO or a device opened by name (or swapped in for a
   * file after it was checked) opens at once instead of blocking, and reading it fails or ends.
   */
  openForReading(file: string): Promise<ReadableFile>;
  /** The first `length` bytes of a file (fewer if it is shorter), opened as `openForReading` does. */
  readStart(file: string, length: number): Promise<Buffer>;
  /** A file's first `length` bytes as a stream of chunks of about 1 MB; it never yields more than `length`. */
  streamStart(file: string, length: number): AsyncIterable<Buffer>;
  /**
   * Writes `data` as a new file at `file`, flushed to disk: rejects with `EEXIST` when the name exists (nothing is
   * ever overwritten), and leaves no partial file behind when writing fails.
   */
  createNew(file: string, data: Buffer): Promise<void>;
  /**
   * Gives the finished file `from` the name `to` as well, only if nothing has that name: atomically, so of two
   * concurrent publishers of one name exactly one wins. False when the name is taken; `from` is left in place.
   */
  publishExclusive(from: string, to: string): Promise<boolean>;
  /** Removes a file; one already gone is fine. */
  remove(file: string): Promise<void>;
}
