import { decodeLinkReason, encodeLinkReason, linkReasonsKey } from './link-reasons';

describe('link reasons', () => {
  it('decodes what it encodes', () => {
    const reason = { rule: 'email_and_given_name', score: 21.5, linked_to: 'pms|R-1|guest|0', source_system: 'pms', role: 'guest' };

    expect(decodeLinkReason(encodeLinkReason(reason))).toEqual(reason);
  });

  it('keeps a missing score as null', () => {
    const reason = { rule: 'founded', score: null, linked_to: '', source_system: 'pms', role: 'booker' };

    expect(decodeLinkReason(encodeLinkReason(reason))).toEqual(reason);
  });

  it.each([
    ['nothing stored', null],
    ['an empty value', ''],
    ['text that is not JSON', 'founded'],
    ['an object', '{"rule":"founded"}'],
    ['a score that is text', '["founded","1","","pms","guest"]'],
    ['a rule that is missing', '[null,null,"","pms","guest"]'],
    ['a reason without its source', '["founded",null,""]'],
  ])('reads %s as no reason', (_label, text) => {
    expect(decodeLinkReason(text)).toBeUndefined();
  });

  it('keeps the reasons of one identity namespace under it', () => {
    expect(linkReasonsKey('staystream:demo:identity:default')).toBe('staystream:demo:identity:default:link-reasons');
  });
});
