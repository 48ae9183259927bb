// The error a check-mode read throws when the state it asks about depends on an effect check mode cannot know.

export class CheckUnknown extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CheckUnknown';
  }
}
