import { describe, expect, it } from 'vitest';
import { withIsolationHeaders } from './isolationHeaders';
import { backendLabel, concurrencyToReport, planWasmThreads, threadsLabel } from './wasmThreads';

describe('isolation headers added by the service worker', () => {
  it('sets COOP, COEP and CORP and keeps status, body and the other headers', async () => {
    const r = withIsolationHeaders(new Response('<!doctype html>', { status: 200, statusText: 'OK', headers: { 'content-type': 'text/html', 'x-keep': '1' } }));
    expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(r.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(r.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(r.headers.get('content-type')).toBe('text/html');
    expect(r.headers.get('x-keep')).toBe('1');
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('<!doctype html>');
  });

  it('keeps error statuses (a 404 stays a 404)', () => {
    expect(withIsolationHeaders(new Response(null, { status: 404 })).status).toBe(404);
  });

  it('passes opaque responses through unchanged', () => {
    const opaque = { type: 'opaque', status: 0, headers: new Headers() } as unknown as Response;
    expect(withIsolationHeaders(opaque)).toBe(opaque);
  });
});

describe('wasm thread plan', () => {
  it('one thread per logical core when isolated, capped at 8', () => {
    expect(planWasmThreads(true, 2).threads).toBe(2);
    expect(planWasmThreads(true, 16).threads).toBe(8);
    expect(planWasmThreads(true, undefined).threads).toBe(1);
  });
  it('one thread, with the reason, when not isolated', () => {
    const p = planWasmThreads(false, 8);
    expect(p.threads).toBe(1);
    expect(p.note).toMatch(/not cross-origin isolated/);
    expect(threadsLabel(p)).toBe('1 thread (page not cross-origin isolated)');
    expect(threadsLabel(planWasmThreads(true, 2))).toBe('2 threads');
  });
  it('a requested count (the bench page) is honoured up to the cap, and only when isolated', () => {
    expect(planWasmThreads(true, 2, 1).threads).toBe(1);
    expect(planWasmThreads(true, 2, 1).note).toMatch(/requested/);
    expect(planWasmThreads(true, 64, 32).threads).toBe(8);
    expect(planWasmThreads(false, 8, 4).threads).toBe(1);
  });
  it('labels say threads, SIMD and why', () => {
    expect(backendLabel({ active: 'wasm', threads: { ...planWasmThreads(true, 2), simd: true } })).toBe('wasm · 2 threads · SIMD');
    expect(backendLabel({ active: 'wasm', threads: { ...planWasmThreads(false, 2), simd: true } })).toBe('wasm · 1 thread · SIMD (page not cross-origin isolated)');
    expect(backendLabel({ active: 'wasm', threads: { ...planWasmThreads(true, 1), simd: false } })).toBe('wasm · 1 thread · no SIMD');
    expect(backendLabel({ active: 'webgl' })).toBe('webgl');
  });
  it('reports twice the threads to the backend, which halves navigator.hardwareConcurrency', () => {
    // tfjs-backend-wasm 4.22: num_cores = hardwareConcurrency / 2 caps the pool.
    expect(Math.floor(concurrencyToReport(2) / 2)).toBe(2);
  });
});
