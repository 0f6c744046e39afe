// workerd's extension of Web Crypto, which the collector's constant-time comparison uses; Node
// has no such method, and the security suite provides one backed by node:crypto.
declare global {
  interface SubtleCrypto {
    timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
  }
}

export {};
