import type { Grade } from './grade';
import { tierRank } from './scoring';

const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * Says in plain sentences what a grade rests on: the tier and why it is held or changed, then
 * one sentence per score with the facts behind it, for example
 * "tier B: value 3.9 from R 4, F 3 and M 4" and "M 4: 1,820 EUR net in 36 months, top 40%".
 */
export function explainGrade(grade: Omit<Grade, 'explanation'>): string[] {
  const sentences = [tierSentence(grade)];

  if (grade.scores !== null) {
    sentences.push(recencySentence(grade), frequencySentence(grade), monetarySentence(grade));
  } else {
    const departed = grade.inputs.lastDepartureDate;
    sentences.push(`R: last stay ${WHOLE.format(grade.r)} days ago (departed ${departed})`);
  }
  if (grade.inputs.feedbackNpsMean !== null) {
    sentences.push(
      `feedback: mean NPS ${DECIMAL.format(grade.inputs.feedbackNpsMean)} in ${windowText(grade)}`,
    );
  }
  sentences.push(
    `thresholds ${grade.thresholdsVersion}, ${grade.source} grade as of ${grade.asOf}`,
  );

  return sentences;
}

function tierSentence(grade: Omit<Grade, 'explanation'>): string {
  if (grade.ungradedReason === 'no_stay_in_window') {
    return `tier N (not graded): no completed stay in ${windowText(grade)}`;
  }
  if (grade.ungradedReason === 'new_customer') {
    return (
      `tier N (new): first stay departed ${grade.inputs.firstDepartureDate}, ` +
      `too recent to compare; value would be ${DECIMAL.format(grade.v ?? 0)}`
    );
  }

  const value = `value ${DECIMAL.format(grade.v ?? 0)} from ${scoreList(grade)}`;
  if (grade.tier !== grade.computedTier) {
    const runs = grade.runsBelowTier === 1 ? 'run' : 'runs';
    const count =
      grade.runsBelowTier === 0
        ? 'no daily run has counted it yet'
        : `below ${grade.tier} on ${grade.runsBelowTier} consecutive daily ${runs}`;
    return `tier ${grade.tier} held: ${value} computes tier ${grade.computedTier}, ${count}`;
  }

  return `tier ${grade.tier}: ${value}${changeText(grade)}`;
}

function changeText(grade: Omit<Grade, 'explanation'>): string {
  const before = grade.prior?.tier;
  if (before === undefined || before === grade.tier) {
    return '';
  }
  if (before === 'N' || grade.tier === 'N') {
    return ` (was ${before})`;
  }
  if (tierRank(before) < tierRank(grade.tier)) {
    const runs = (grade.prior?.runsBelowTier ?? 0) + 1;
    return ` (down from ${before} after ${runs} consecutive daily runs below it)`;
  }
  return ` (up from ${before})`;
}

function recencySentence(grade: Omit<Grade, 'explanation'>): string {
  const score = grade.scores?.r ?? 1;
  const days = grade.r === 1 ? 'day' : 'days';
  return (
    `R ${score}: last stay ${WHOLE.format(grade.r)} ${days} ago ` +
    `(departed ${grade.inputs.lastDepartureDate}), ${standing(score)}`
  );
}

function frequencySentence(grade: Omit<Grade, 'explanation'>): string {
  const { stays, roomNights } = grade.inputs;
  const stayWord = stays === 1 ? 'stay' : 'stays';
  const nightWord = roomNights === 1 ? 'room night' : 'room nights';
  return (
    `F ${grade.scores?.f ?? 1}: ${stays} ${stayWord} (${WHOLE.format(roomNights)} ${nightWord}) ` +
    `in ${windowText(grade)}, ${DECIMAL.format(grade.f)} after decay`
  );
}

function monetarySentence(grade: Omit<Grade, 'explanation'>): string {
  const score = grade.scores?.m ?? 1;
  const currency = grade.inputs.currency;
  return (
    `M ${score}: ${WHOLE.format(grade.inputs.revenue)} ${currency} net in ${windowText(grade)}, ` +
    `${DECIMAL.format(grade.m)} ${currency} after decay, ${standing(score)}`
  );
}

function scoreList(grade: Omit<Grade, 'explanation'>): string {
  const scores = grade.scores;
  return scores === null ? 'no scores' : `R ${scores.r}, F ${scores.f} and M ${scores.m}`;
}

/** A quintile score as the share of the population it places the guest in. */
function standing(score: number): string {
  return score <= 1 ? 'bottom 20%' : `top ${(6 - score) * 20}%`;
}

function windowText(grade: Omit<Grade, 'explanation'>): string {
  return `${grade.inputs.window.months} months`;
}
