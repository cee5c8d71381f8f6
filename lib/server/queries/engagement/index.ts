import "server-only";
// Read side of campaign engagement (`GET /campaigns/{id}/engagement`, `GET /campaigns/compare`),
// split at its seams: the shared bucket sums, the campaign rows, the zone's ranges and
// buckets, one campaign, compare, and the cached read the campaign page starts from.
export { BUCKET_SUMS, bucketSource, countsOf, isoSql, type BucketSums } from "./sums";
export { getCampaignSummary } from "./campaign-rows";
export { campaignEngagement } from "./campaign-engagement";
export { compareCampaigns } from "./compare";
export { cachedCampaignEngagement, initialEngagement } from "./cached";
