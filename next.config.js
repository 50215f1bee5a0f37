/**
 * The fixed security headers of every response. server/security-headers.ts is the documented source
 * (and its test checks this copy matches it): Node 20 cannot import TypeScript from the config file.
 * The Content-Security-Policy is not here: it carries a per-request script nonce, set by proxy.ts.
 */
export function securityHeaders() {
  return [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'same-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  ];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // client-node is ESM with Node-only dependencies; load it from node_modules at run time
  // instead of bundling it into every route.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  reactStrictMode: true,
  // A self-contained server.js for the container image (Dockerfile); `next start` does not serve
  // standalone output, so local builds keep the default.
  ...(process.env.DAEMONSCOPE_STANDALONE === '1' ? { output: 'standalone' } : {}),
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders() }];
  },
};

export default nextConfig;
