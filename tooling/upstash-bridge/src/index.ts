export { type StartUpstashBridgeOptions, startUpstashBridge, type UpstashBridge } from './bridge';
