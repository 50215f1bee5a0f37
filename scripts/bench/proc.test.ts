import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStat, parseVmRssKb, processGroupCpuSeconds, processGroupRss, totalRssMB } from './proc';

describe('parseStat', () => {
  it.each([
    ['a plain command', '1234 (node) S 1 1234 1234 0 -1', { pid: 1234, comm: 'node', ppid: 1, pgrp: 1234 }],
    ['spaces and parentheses in comm', '77 (next-server (v16)) R 70 66 66 0', { pid: 77, comm: 'next-server (v16)', ppid: 70, pgrp: 66 }],
  ])('%s', (_name, text, expected) => {
    expect(parseStat(text)).toEqual(expected);
  });

  it('reads utime + stime (fields 14 and 15) as cpuTicks', () => {
    const line = '42 (node) S 1 42 42 0 -1 4194560 100 0 0 0 250 30 0 0 20 0 11 0 500 1000 200';
    expect(parseStat(line)).toEqual({ pid: 42, comm: 'node', ppid: 1, pgrp: 42, cpuTicks: 280 });
  });

  it.each([['empty', ''], ['no parentheses', '12 node S 1 2'], ['cut short', '12 (x) S']])('rejects %s', (_name, text) => {
    expect(parseStat(text)).toBeUndefined();
  });
});

describe('parseVmRssKb', () => {
  it('reads the VmRSS line', () => {
    expect(parseVmRssKb('Name:\tnode\nVmPeak:\t 900 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 1 kB\n')).toBe(123456);
  });

  it('is undefined for a kernel thread', () => {
    expect(parseVmRssKb('Name:\tkthreadd\nState:\tS (sleeping)\n')).toBeUndefined();
  });
});

describe('processGroupRss', () => {
  it('finds this test process in its own process group', () => {
    const pgid = parseStat(readFileSync('/proc/self/stat', 'utf8'))?.pgrp ?? -1;
    const found = processGroupRss(pgid);
    expect(found.some((process) => process.pid === globalThis.process.pid)).toBe(true);
    expect(totalRssMB(found)).toBeGreaterThan(10);
  });

  it('counts the CPU time this test process has used', () => {
    const pgid = parseStat(readFileSync('/proc/self/stat', 'utf8'))?.pgrp ?? -1;
    const usage = process.cpuUsage();
    // /proc counts whole ticks of the whole group (this process and any worker in it): at least ours, less a tick.
    expect(processGroupCpuSeconds(pgid)).toBeGreaterThanOrEqual((usage.user + usage.system) / 1e6 - 0.02);
    expect(processGroupCpuSeconds(-1)).toBe(0);
  });

  it('totals nothing for an empty group', () => {
    expect(totalRssMB([])).toBeNull();
    expect(totalRssMB([{ pid: 1, comm: 'a', rssMB: 1.5 }, { pid: 2, comm: 'b', rssMB: 2 }])).toBe(3.5);
  });
});
