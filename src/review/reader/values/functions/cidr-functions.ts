/* eslint-disable no-bitwise -- addresses and masks are bit arithmetic on 32- and 128-bit numbers */
import { asInteger, asString } from './arguments';
import { FunctionTable } from './function-spec';
import { EvaluationError } from '../evaluation-error';

/** A network as Terraform's CIDR functions read it: its masked address, its prefix length, and 32 or 128 bits. */
interface Network {
  readonly address: bigint;
  readonly prefix: number;
  readonly bits: 32 | 128;
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  // Terraform's parser (a copy of Go's before 1.17) reads leading zeros as decimal.
  if (parts.length !== 4 || !parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => (n << 8n) | BigInt(Number(p)), 0n);
}

function parseIPv6(text: string): bigint | undefined {
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tailV4 = parseIPv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
  let value = all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

function parseCidr(text: string): Network {
  const m = /^([^/]+)\/([0-9]{1,3})$/.exec(text);
  const fail = () => new EvaluationError(`invalid CIDR expression: invalid CIDR address: ${text.slice(0, 200)}`);
  if (!m) throw fail();
  const v4 = parseIPv4(m[1]);
  const bits = v4 === undefined ? 128 : 32;
  const address = v4 ?? parseIPv6(m[1]);
  const prefix = Number(m[2]);
  if (address === undefined || prefix > bits) throw fail();
  return { address: address & maskOf(prefix, bits), prefix, bits };
}

function maskOf(prefix: number, bits: number): bigint {
  return ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
}

/** An address as Go writes it: dotted IPv4; IPv6 in lower case with the longest run of zero groups as `::`. */
function formatAddress(address: bigint, bits: 32 | 128): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((address >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((address >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) { best = i; bestLength = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

function cidrsubnet(network: Network, newBits: number, netNum: number): Network {
  const prefix = network.prefix + newBits;
  if (newBits < 0 || prefix > network.bits) throw new EvaluationError(`insufficient address space to extend prefix of ${network.prefix} by ${newBits}`);
  if (netNum < 0 || BigInt(netNum) >= 1n << BigInt(newBits)) {
    throw new EvaluationError(`prefix extension of ${newBits} does not accommodate a subnet numbered ${netNum}`);
  }
  return { address: network.address | (BigInt(netNum) << BigInt(network.bits - prefix)), prefix, bits: network.bits };
}

export const CIDR_FUNCTIONS: FunctionTable = {
  cidrhost: {
    params: ['whole', 'whole'],
    run: ([prefix, hostnum]) => {
      const network = parseCidr(asString(prefix, 'the prefix'));
      const host = BigInt(asInteger(hostnum, 'the host number'));
      const max = (1n << BigInt(network.bits - network.prefix)) - 1n;
      const number = host < 0n ? max + host + 1n : host;
      if (number < 0n || number > max) throw new EvaluationError(`prefix of ${network.prefix} does not accommodate a host numbered ${host}`);
      return formatAddress(network.address + number, network.bits);
    },
  },
  cidrnetmask: {
    params: ['whole'],
    run: ([prefix]) => {
      const text = asString(prefix, 'the prefix');
      const network = parseCidr(text);
      if (network.bits !== 32) throw new EvaluationError(`IPv6 addresses cannot have a netmask: ${text.slice(0, 200)}`);
      return formatAddress(maskOf(network.prefix, 32), 32);
    },
  },
  cidrsubnet: {
    params: ['whole', 'whole', 'whole'],
    run: ([prefix, newbits, netnum]) => {
      const subnet = cidrsubnet(parseCidr(asString(prefix, 'the prefix')), asInteger(newbits, 'newbits'), asInteger(netnum, 'netnum'));
      return `${formatAddress(subnet.address, subnet.bits)}/${subnet.prefix}`;
    },
  },
  cidrsubnets: {
    params: ['whole'],
    variadic: 'whole',
    run: ([prefix, ...lengths]) => {
      const network = parseCidr(asString(prefix, 'the prefix'));
      const size = (p: number) => 1n << BigInt(network.bits - p);
      const end = network.address + size(network.prefix);
      // The next free address: each subnet starts at the first address after the previous one aligned to its size.
      let next = network.address;
      return lengths.map((value, i) => {
        const extra = asInteger(value, `argument ${i + 2}`);
        if (extra < 1) throw new EvaluationError('must extend prefix by at least one bit');
        if (extra > 32) throw new EvaluationError('may not extend prefix by more than 32 bits');
        const length = network.prefix + extra;
        if (length > network.bits) {
          throw new EvaluationError(`would extend prefix to ${length} bits, which is too long for an ${network.bits === 32 ? 'IPv4' : 'IPv6'} address`);
        }
        const block = size(length);
        const start = ((next + block - 1n) / block) * block;
        if (start + block > end) throw new EvaluationError(`not enough remaining address space for a subnet with a prefix of ${length} bits`);
        next = start + block;
        return `${formatAddress(start, network.bits)}/${length}`;
      });
    },
  },
};
