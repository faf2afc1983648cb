import { describe, expect, it } from 'vitest';
import { physicalName } from '../../../runtime/manifest/names.js';

describe('physicalName', () => {
  it('is <app>-<name> without a stage, as before stages existed', () => {
    expect(physicalName('shop', undefined, 'charge')).toBe('shop-charge');
  });

  it('puts the stage between the app and the name', () => {
    expect(physicalName('shop', 'prod', 'charge')).toBe('shop-prod-charge');
  });

  it('keeps the .fifo suffix last, with or without a stage', () => {
    expect(physicalName('shop', undefined, 'orders', true)).toBe('shop-orders.fifo');
    expect(physicalName('shop', 'dev', 'orders', true)).toBe('shop-dev-orders.fifo');
  });
});
