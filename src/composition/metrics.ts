import { collectDefaultMetrics, Registry } from 'prom-client';
import { serviceMetrics, type ObservedState, type ServiceMetrics } from '../adapters/metrics/service-metrics.ts';

export type Metrics = { registry: Registry; observed: ServiceMetrics };

/**
 * One registry for the process metrics and the service's own series, which /metrics reads.
 * `processMetrics: false` where the runtime has no process to measure (workerd: no cpuUsage, no loop delay).
 */
export function buildMetrics(state: ObservedState, options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return { registry, observed: serviceMetrics(registry, state) };
}
