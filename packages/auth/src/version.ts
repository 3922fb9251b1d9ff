/** This package's version, sent in User-Agent (kept in step with package.json by a test). */
export const VERSION = '0.0.0'
