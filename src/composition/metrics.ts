import { collectDefaultMetrics, Registry } from 'prom-client';
import { serviceMetrics, type ObservedState, type ServiceMetrics } from '../adapters/metrics/service-metrics.ts';

export type Metrics = { registry: Registry; observed: ServiceMetrics };

/** One registry for the process metrics and the service's own series, which /metrics reads. */
export function buildMetrics(state: ObservedState): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return { registry, observed: serviceMetrics(registry, state) };
}
