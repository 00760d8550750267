/** 老带新 rules: who may be bound, and which step a paid order takes on the binding. */
import fc from 'fast-check';
import { inviteRefusal, inviteRewardIds, rewardStep } from './invite-rules';

const base = { inviter: 'o-a', invitee: 'o-b', campaignEnabled: true, inviteeHasPaidOrder: false, alreadyBound: false };

it('refuses oneself, a campaign that is off, a bound customer and a customer with a paid order', () => {
  expect(inviteRefusal(base)).toBeNull();
  expect(inviteRefusal({ ...base, invitee: 'o-a' })).toBe('SELF_INVITE');
  expect(inviteRefusal({ ...base, campaignEnabled: false })).toBe('CAMPAIGN_OFF');
  expect(inviteRefusal({ ...base, alreadyBound: true })).toBe('ALREADY_BOUND');
  expect(inviteRefusal({ ...base, inviteeHasPaidOrder: true })).toBe('NOT_NEW');
});

it('never binds a customer to themselves, whatever else holds', () => {
  fc.assert(
    fc.property(fc.string(), fc.boolean(), fc.boolean(), fc.boolean(), (id, on, paid, bound) => {
      expect(inviteRefusal({ inviter: id, invitee: id, campaignEnabled: on, inviteeHasPaidOrder: paid, alreadyBound: bound })).toBe('SELF_INVITE');
    }),
  );
});

it('the reward ids are one pair per invitee', () => {
  expect(inviteRewardIds('o-b')).toEqual({ inviter: 'invite:o-b:inviter', invitee: 'invite:o-b:invitee' });
  expect(inviteRewardIds('o-b')).toEqual(inviteRewardIds('o-b'));
  expect(inviteRewardIds('o-b').inviter).not.toBe(inviteRewardIds('o-c').inviter);
});

it('a paid order claims a bound binding, resumes its own, and does nothing otherwise', () => {
  expect(rewardStep(undefined, 'N1')).toBe('none');
  expect(rewardStep({ status: 'bound' }, 'N1')).toBe('claim');
  expect(rewardStep({ status: 'rewarded', orderNo: 'N1' }, 'N1')).toBe('resume');
  expect(rewardStep({ status: 'rewarded', orderNo: 'N1' }, 'N2')).toBe('none');
  expect(rewardStep({ status: 'lapsed', orderNo: 'N1' }, 'N1')).toBe('none');
});
