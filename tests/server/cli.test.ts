import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_DIR } from '../helpers/app';
import { cli } from '../helpers/processes';

const root = mkdtempSync(path.join(tmpdir(), 'tiendo-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('admin command line', () => {
  const env = { TIENDO_DATA_DIR: path.join(root, 'data'), TIENDO_DEMO: 'false' };

  it('imports the seed dataset on a new data directory, and a second import changes nothing', () => {
    const first = cli(['import', SEED_DIR], env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('units         27 created, 0 updated, 0 unchanged');
    expect(first.stdout).toContain('observations  76 created, 0 updated, 0 unchanged');
    const again = cli(['import', SEED_DIR], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Import (no changes)');
    expect(again.stdout).toContain('indicators    0 created, 0 updated, 84 unchanged');
  });

  it('lists every problem of a broken directory as file:line [column] and exits non-zero', () => {
    const dir = path.join(root, 'broken');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'units.csv'), 'code,name_vi,name_en,type,parent_code\nHT-NEW,Mới,New,department,NOPE\nHT-NEW,Trùng,Dup,department,HT\n');
    writeFileSync(path.join(dir, 'observations.csv'), 'indicator_code,unit_code,value,qualifier,value_to,as_of,source_file,quote_vi\nHT-CNTT-CB-XA,HT,9x,,,2019,a,b\n');
    const res = cli(['import', dir], env);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('nothing was written');
    expect(res.stderr).toMatch(/units\.csv:2 \[parent_code\] UNKNOWN_REFERENCE/);
    expect(res.stderr).toMatch(/units\.csv:3 \[code\] DUPLICATE_CODE/);
    expect(res.stderr).toMatch(/observations\.csv:2 \[value\] BAD_NUMBER/);
  });

  it('creates users with the password from stdin, lists and disables them', () => {
    const weak = cli(['user', 'create', '--email', 'a@b.vn', '--name', 'A', '--role', 'admin', '--unit', 'VN', '--password-stdin'], env, 'short\n');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('at least 10 characters');
    const created = cli(['user', 'create', '--email', 'Quan.Tri@Ha-Tinh.gov.vn', '--name', 'Quản trị viên', '--role', 'admin', '--unit', 'HT', '--password-stdin'], env, 'Mat-Khau-Manh-2026\n');
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Created admin quan.tri@ha-tinh.gov.vn');
    const dup = cli(['user', 'create', '--email', 'quan.tri@ha-tinh.gov.vn', '--name', 'X', '--role', 'staff', '--unit', 'HT'], env);
    expect(dup.status).toBe(2);
    expect(dup.stderr).toContain('already exists');
    const badRole = cli(['user', 'create', '--email', 'x@y.vn', '--name', 'X', '--role', 'boss', '--unit', 'HT'], env);
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of staff, leader, auditor, admin');
    const list = cli(['user', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ email: 'quan.tri@ha-tinh.gov.vn', role: 'admin', unit: 'HT', disabled: false })]);
    expect(cli(['user', 'disable', '--email', 'quan.tri@ha-tinh.gov.vn'], env).status).toBe(0);
    expect(JSON.parse(cli(['user', 'list', '--json'], env).stdout)[0].disabled).toBe(true);
  });

  it('explains usage errors', () => {
    const res = cli(['frobnicate'], env);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('Unknown command "frobnicate"');
    expect(cli(['user', 'create', '--email', 'x@y.vn'], env).stderr).toContain('Missing option(s): --name, --role, --unit');
    expect(cli(['help'], env).stdout).toContain('pnpm cli <command>');
  });
});
