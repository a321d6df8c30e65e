/**
 * Files dropped or picked as folders keep their path inside what was dropped as their name
 * (`acme/sys/policy/admin.hcl`): some exports are placed by their path (a Vault export tree, see
 * docs/vault-exports.md), and a report naming the path tells two `config.json` apart. Files that
 * cannot be exports (docs, images, code) are skipped, as the CLI's folder walk does.
 */
import { skippedInFolders } from '../../core/importers/folder-files';

/** A dropped folder can hold anything: past this many files the rest is left out (and said). */
export const MAX_FOLDER_FILES = 20_000;

export interface Gathered {
  files: File[];
  /** Files left out because the folder held more than MAX_FOLDER_FILES. */
  leftOut: number;
}

const named = (file: File, path: string): File => (path && path !== file.name ? new File([file], path, { type: file.type, lastModified: file.lastModified }) : file);

/** Files picked with a folder picker (`webkitdirectory`): each has its relative path. */
export function pickedFiles(list: FileList | null): File[] {
  return Array.from(list ?? [])
    .filter((f) => !f.webkitRelativePath || !skippedInFolders(f.name))
    .map((f) => named(f, f.webkitRelativePath));
}

/** What a drop holds: its files, and the files of its folders (walked), by path. */
export async function droppedFiles(dt: DataTransfer): Promise<Gathered> {
  const entries = Array.from(dt.items ?? [])
    .filter((i) => i.kind === 'file')
    .map((i) => i.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => !!e);
  // Without the entries API, or nothing but plain files: the file list as it is.
  if (!entries.some((e) => e.isDirectory)) return { files: Array.from(dt.files), leftOut: 0 };
  const out: Gathered = { files: [], leftOut: 0 };
  const queue: FileSystemEntry[] = [...entries];
  while (queue.length) {
    const entry = queue.shift()!;
    if (entry.isDirectory) queue.push(...(await readAll(entry as FileSystemDirectoryEntry)));
    else if (entry.isFile && !(entry.fullPath.lastIndexOf('/') > 0 && skippedInFolders(entry.name))) {
      if (out.files.length >= MAX_FOLDER_FILES) out.leftOut++;
      else out.files.push(named(await fileOf(entry as FileSystemFileEntry), entry.fullPath.replace(/^\//, '')));
    }
  }
  return out;
}

/** A directory's entries: readEntries answers in batches until an empty one. */
async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, ko) => reader.readEntries(ok, ko));
    if (!batch.length) return all;
    all.push(...batch);
  }
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((ok, ko) => entry.file(ok, ko));
