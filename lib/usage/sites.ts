/** Where the usage reader runs: the hosts of the sites whose streams lib/usage/streams reads. */
import { SUPPORTED_SITES, type SiteId } from '../sites/hosts';
import { STREAM_SPECS } from './streams';

export const hasUsageReader = (site: SiteId): boolean => STREAM_SPECS.some((s) => s.site === site);

/** Match patterns for the reader's web-accessible script (manifest). */
export const USAGE_READER_MATCHES = SUPPORTED_SITES.filter((s) => hasUsageReader(s.id)).flatMap((s) => s.hosts.map((h) => `https://${h}/*`));
