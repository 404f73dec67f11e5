/**
 * Advertising disclosure markers in Chinese and English. The defaults follow China's Internet
 * Advertising Measures ("广告") and the FTC Endorsement Guides ("#ad", "Paid partnership");
 * the markers in force come from the editable `disclosure_phrases` list when it exists, and
 * whether a reader takes them for a disclosure is the grammar's call (rules/disclosure/grammar.ts).
 */
export { DEFAULT_DISCLOSURE_PHRASES } from '../disclosure/grammar';
