'use client';

export { GlobalErrorView as default } from '@prood/next-config/error-pages';
