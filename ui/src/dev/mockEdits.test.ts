import { expect, test } from 'vitest';
import { makeMockStore, mockCommands } from './mockData';
import { mockEdits } from './mockEdits';

const report = { ordersUpserted: 0, ordersDeleted: 0, customersUpserted: 0, customersDeleted: 0, pages: 1, durationMs: 1, newOrders: [], newOrderCount: 0, kycStatusChanged: null };

test('the mock backend behaves like the Rust side: waiting edits, offline sync, conflicts, sign-out', () => {
  const store = makeMockStore(200, new Date('2025-06-01T08:00:00Z'));
  const cmds = mockCommands(store);
  const edits = mockEdits(store, (id) => cmds.orderDetail(id), (id) => cmds.touch(id), { offline: true });
  const processing = store.orders.filter((o) => o.status === 'processing');

  // A seeded conflict and a refused edit to look at.
  expect(edits.syncStatus()).toMatchObject({ pendingEdits: 0, conflicts: 1 });
  expect(edits.rejectedEdits()).toHaveLength(1);

  // The stale order offers "delivered", which the workflow refuses with its reason.
  const stale = edits.detail(processing[0].id);
  expect(stale.nextStatuses).toContain('delivered');
  expect(() => edits.setOrderStatus(processing[0].id, 'delivered')).toThrow();

  const shipped = edits.shipOrder(processing[1].id, null, 'پست', 'EP1');
  expect(shipped.order.status).toBe('shipped');
  expect(shipped.waitingEdits).toMatchObject([{ state: 'pending', change: { kind: 'ship' } }]);
  expect(edits.syncStatus().pendingEdits).toBe(1);

  expect(() => edits.sync(report)).toThrow();
  expect(edits.syncStatus().lastError?.code).toBe('platform_unreachable');
  expect(edits.outbox().find((e) => e.state === 'pending')?.attempts).toBe(1);
  expect(() => edits.checkSignOut(false)).toThrow(expect.objectContaining({ code: 'edits_waiting' }));

  edits.setOnline(true);
  expect(edits.sync(report)).toMatchObject({ pushed: 1, conflicts: 1 });
  expect(edits.syncStatus()).toMatchObject({ pendingEdits: 0, conflicts: 1, lastError: null });
  expect(edits.detail(processing[1].id).waitingEdits).toHaveLength(0);

  const conflict = edits.outbox()[0];
  edits.keepMyEdit(conflict.mutationId);
  expect(edits.syncStatus()).toMatchObject({ pendingEdits: 1, conflicts: 0 });
  expect(() => edits.takePlatformVersion(conflict.mutationId)).toThrow();
  edits.checkSignOut(true);
  expect(edits.outbox()).toHaveLength(0);
});
