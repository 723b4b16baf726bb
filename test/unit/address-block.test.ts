import { describe, expect, it } from 'vitest';
import { addressBlock } from '../../domain/shared/address-block.js';

describe('the block an address is limited by', () => {
  it('is the address itself for IPv4, also written as IPv6', () => {
    expect(addressBlock('198.51.100.7')).toBe('198.51.100.7');
    expect(addressBlock('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });
  it('is the /64 for IPv6, however the address inside it is written', () => {
    expect(addressBlock('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressBlock('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBlock('2001:db8:1:3::1')).not.toBe(addressBlock('2001:db8:1:2::1'));
  });
  it('reads every spelling of IPv6: compressed anywhere, a dotted tail, a zone', () => {
    expect(addressBlock('::1')).toBe('0:0:0:0::/64');
    expect(addressBlock('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBlock('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressBlock('64:ff9b::198.51.100.7')).toBe('64:ff9b:0:0::/64');
    expect(addressBlock('::FFFF:C633:6407')).toBe('198.51.100.7');
  });
  it('leaves what is no address alone', () => {
    for (const text of ['unknown', 'system', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', '::ffff:300.1.1.1', '1:2:3:4:5:6:7::8:9']) expect(addressBlock(text)).toBe(text);
  });
});
