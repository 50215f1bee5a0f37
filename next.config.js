/** @type {import('next').NextConfig} */
const nextConfig = {
  // client-node is ESM with Node-only dependencies; load it from node_modules at run time
  // instead of bundling it into every route.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
