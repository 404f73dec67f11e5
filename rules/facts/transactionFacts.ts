import type { Facts } from '../policy/evaluation';
import { activeAt, type AccountSnapshot, type PartnershipSnapshot } from './postFacts';

const DAY = 86_400_000;

export interface TransactionForFacts {
  amountCents: number;
  currency: string;
  status: string;
  orderedAt: Date;
  hasReferralPost: boolean;
  hasAffiliate: boolean;
  productBrandHandle: string | null;
}

export interface PartyHistory {
  orders90d: number;
  refunds90d: number;
  disputes90d: number;
  ordersLastHour: number;
}

export interface TransactionContext {
  buyer: AccountSnapshot;
  buyerHistory: PartyHistory;
  vendorHistory: PartyHistory;
  referralPostDisclosed: boolean | null;
  affiliatePartnerships: readonly PartnershipSnapshot[];
}

export function computeTransactionFacts(tx: TransactionForFacts, ctx: TransactionContext): Facts {
  const vendorBad = ctx.vendorHistory.refunds90d + ctx.vendorHistory.disputes90d;
  const facts: Record<string, unknown> = {
    amount: tx.amountCents / 100,
    currency: tx.currency,
    status: tx.status,
    buyerAgeDays: Math.max(0, (tx.orderedAt.getTime() - ctx.buyer.joinedAt.getTime()) / DAY),
    buyerReputation: ctx.buyer.reputation ?? undefined,
    buyerOrders90d: ctx.buyerHistory.orders90d,
    buyerRefunds90d: ctx.buyerHistory.refunds90d,
    buyerDisputes90d: ctx.buyerHistory.disputes90d,
    buyerOrdersLastHour: ctx.buyerHistory.ordersLastHour,
    vendorOrders90d: ctx.vendorHistory.orders90d,
    vendorRefundRate90d: ctx.vendorHistory.orders90d === 0 ? 0 : vendorBad / ctx.vendorHistory.orders90d,
    hasReferralPost: tx.hasReferralPost,
    referralPostDisclosed: ctx.referralPostDisclosed ?? undefined,
    hasAffiliate: tx.hasAffiliate,
    affiliatePartneredWithBrand:
      tx.hasAffiliate && tx.productBrandHandle !== null
        ? ctx.affiliatePartnerships.some((p) => p.brandHandle === tx.productBrandHandle && activeAt(p, tx.orderedAt))
        : undefined,
  };
  return facts;
}
