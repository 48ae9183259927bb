// Host ranges, host:port, INI value parsing (Python literals) and shlex-like host line splitting.

import assert from 'node:assert/strict';
import { expandHostRange, splitHostPort } from '../../src/inventory/host-range.js';
import { splitHostLine } from '../../src/inventory/ini-tokens.js';
import { parseIniValue } from '../../src/inventory/python-literal.js';

const fail = (message: string): never => {
  throw new Error(message);
};

describe('host ranges', () => {
  const ok: [string, string[]][] = [
    ['plain', ['plain']],
    ['wrk[01:03]', ['wrk01', 'wrk02', 'wrk03']],
    ['wrk[1:3]', ['wrk1', 'wrk2', 'wrk3']],
    ['wrk[8:10]', ['wrk8', 'wrk9', 'wrk10']],
    ['n[:2]', ['n0', 'n1', 'n2']],
    ['db-[a:c]', ['db-a', 'db-b', 'db-c']],
    ['n[1:10:3]', ['n1', 'n4', 'n7', 'n10']],
    ['n[a:e:2]', ['na', 'nc', 'ne']],
    ['r[1:2]c[a:b].lan', ['r1ca.lan', 'r1cb.lan', 'r2ca.lan', 'r2cb.lan']],
    ['[1:2]-node', ['1-node', '2-node']],
  ];
  for (const [pattern, hosts] of ok) {
    it(`${pattern} -> ${hosts.join(' ')}`, () => assert.deepEqual(expandHostRange(pattern, fail), hosts));
  }
  const bad: [string, RegExp][] = [
    ['wrk[1-3]', /expected \[begin:end\] or \[begin:end:step\]/],
    ['wrk[1:2:3:4]', /expected \[begin:end\]/],
    ['wrk[1:]', /end value is missing/],
    ['wrk[3:1]', /begin is greater than end/],
    ['wrk[c:a]', /begin is after end/],
    ['wrk[Y:b]', /begin is after end/],
    ['wrk[01:3]', /zero-padded begin needs an end of the same length/],
    ['wrk[1:3:0]', /step must be a positive integer/],
    ['wrk[1:c]', /both be numbers or both be single letters/],
    ['wrk[aa:zz]', /both be numbers or both be single letters/],
    ['wrk[1:3', /'\[' without '\]'/],
    ['wrk1:3]', /'\]' without '\['/],
    ['n[0:999999]', /more than 100000 hosts/],
  ];
  for (const [pattern, re] of bad) {
    it(`rejects ${pattern}`, () => assert.throws(() => expandHostRange(pattern, fail), re));
  }
});

describe('host:port', () => {
  const cases: [string, { host: string; port?: number }][] = [
    ['h', { host: 'h' }],
    ['h:2222', { host: 'h', port: 2222 }],
    ['wrk[01:03]:22', { host: 'wrk[01:03]', port: 22 }],
    ['wrk[01:03]', { host: 'wrk[01:03]' }],
    ['fe80::1', { host: 'fe80::1' }],
    ['[fe80::1]:2200', { host: 'fe80::1', port: 2200 }],
    ['10.0.0.1:22', { host: '10.0.0.1', port: 22 }],
  ];
  for (const [token, expected] of cases) it(`${token}`, () => assert.deepEqual(splitHostPort(token, fail), expected));
  it('rejects a non-numeric port', () => assert.throws(() => splitHostPort('h:ssh', fail), /bad port 'ssh'/));
  it('rejects port 0 and 70000', () => {
    assert.throws(() => splitHostPort('h:0', fail), /1-65535/);
    assert.throws(() => splitHostPort('h:70000', fail), /1-65535/);
  });
});

describe('INI values (Python literals, like Ansible)', () => {
  const cases: [string, unknown][] = [
    ['8080', 8080],
    ['-5', -5],
    ['1_000', 1000],
    ['0x1F', 31],
    ['1.5', 1.5],
    ['1e3', 1000],
    ['0644', '0644'],
    ['True', true],
    ['False', false],
    ['None', null],
    ['yes', 'yes'],
    ['true', 'true'],
    ["'quoted'", 'quoted'],
    ['"dq with \\"esc\\""', 'dq with "esc"'],
    ["'a\\nb'", 'a\nb'],
    ["r'a\\nb'", 'a\\nb'],
    ["'5'", '5'],
    ["[1, 'a', [True]]", [1, 'a', [true]]],
    ["(1, 2)", [1, 2]],
    ["{'k': 1, 'l': [2]}", { k: 1, l: [2] }],
    ['/opt/wso2', '/opt/wso2'],
    ['hello world', 'hello world'],
    ['5 # port', 5],
    ['plain # trailing comment', 'plain'],
    ['http://x:8080/a#frag', 'http://x:8080/a#frag'],
    ['5abc', '5abc'],
    ['[1, 2', '[1, 2'],
    ["'unterminated", "'unterminated"],
    ['', ''],
  ];
  for (const [text, value] of cases) it(`${JSON.stringify(text)} -> ${JSON.stringify(value)}`, () => assert.deepEqual(parseIniValue(text), value));
});

describe('host line tokens', () => {
  const cases: [string, [string, number][]][] = [
    ['h a=1 b=2', [['h', 1], ['a=1', 3], ['b=2', 7]]],
    ['  h   x="two words"', [['h', 3], ['x=two words', 7]]],
    ["h x='it''s'", [['h', 1], ['x=its', 3]]],
    ['h x=a\\ b', [['h', 1], ['x=a b', 3]]],
    ['h x="a\\"b" # comment', [['h', 1], ['x=a"b', 3]]],
    ['h x=1#c', [['h', 1], ['x=1', 3]]],
  ];
  for (const [line, tokens] of cases) {
    it(line, () => assert.deepEqual(splitHostLine(line).map((t) => [t.text, t.col]), tokens));
  }
  it('reports an unclosed quote with its column', () => {
    assert.throws(() => splitHostLine('h x="open'), (e: Error & { col?: number }) => e.col === 5 && /no closing quotation/.test(e.message));
  });
});
