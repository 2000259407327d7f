'use client';

export { ErrorView as default } from '@prood/next-config/error-pages';
