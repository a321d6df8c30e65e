/** Folder drops: walked through the entries API (faked here: the e2e picks a folder instead). */
import { describe, expect, it } from 'vitest';
import { droppedFiles } from './dropped-files';

type Fake = { name: string; fullPath: string; isFile: boolean; isDirectory: boolean };

function file(fullPath: string): Fake & { file: (ok: (f: File) => void) => void } {
  const name = fullPath.slice(fullPath.lastIndexOf('/') + 1);
  return { name, fullPath, isFile: true, isDirectory: false, file: (ok) => ok(new File([`{"from":"${fullPath}"}`], name)) };
}

function dir(fullPath: string, children: Fake[]): Fake & { createReader: () => { readEntries: (ok: (e: Fake[]) => void) => void } } {
  // readEntries answers in batches of two, then an empty batch, as browsers answer in batches.
  return {
    name: fullPath.slice(fullPath.lastIndexOf('/') + 1), fullPath, isFile: false, isDirectory: true,
    createReader: () => {
      let at = 0;
      return { readEntries: (ok) => ok(children.slice(at, (at += 2))) };
    },
  };
}

const transfer = (entries: Fake[], files: File[] = []): DataTransfer =>
  ({ items: entries.map((e) => ({ kind: 'file', webkitGetAsEntry: () => e })), files }) as unknown as DataTransfer;

describe('dropped files', () => {
  it('walks dropped folders, names each file by its path, and skips what cannot be an export', async () => {
    const tree = dir('/acme', [dir('/acme/sys', [file('/acme/sys/auth.json'), dir('/acme/sys/policy', [file('/acme/sys/policy/admin.hcl')])]), file('/acme/README.md'), file('/acme/.DS_Store'), file('/acme/aws/creds/deploy.json')]);
    const { files, leftOut } = await droppedFiles(transfer([tree, file('/gaad.json')]));
    expect(files.map((f) => f.name).sort()).toEqual(['acme/aws/creds/deploy.json', 'acme/sys/auth.json', 'acme/sys/policy/admin.hcl', 'gaad.json']);
    expect(leftOut).toBe(0);
    expect(await files.find((f) => f.name === 'acme/sys/policy/admin.hcl')!.text()).toBe('{"from":"/acme/sys/policy/admin.hcl"}');
  });

  it('plain files are taken as they are (a README dropped on its own is reported, not skipped)', async () => {
    const list = [new File(['x'], 'README.md')];
    const { files } = await droppedFiles(transfer([file('/README.md')], list));
    expect(files.map((f) => f.name)).toEqual(['README.md']);
  });
});
