import { foldForSearch, includesFolded } from './fold';

describe('search folding', () => {
  test.each([
    ['José', 'jose'],
    ['JOSÉ', 'jose'],
    ['Müller', 'muller'],
    ['Søren Ærø', 'soren aero'],
    ['Straße', 'strasse'],
    ['Łukasz', 'lukasz'],
    ['Ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
    ['Renée', 'renee'],
  ])('%s folds to %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  test('"Jose" finds "José" and "josé" finds "Jose": both sides are folded', () => {
    expect(includesFolded('José Álvarez', foldForSearch('Jose'))).toBe(true);
    expect(includesFolded('Jose Alvarez', foldForSearch('josé'))).toBe(true);
    expect(includesFolded('Joseph', foldForSearch('José'))).toBe(true);
    expect(includesFolded('Jane', foldForSearch('José'))).toBe(false);
  });
});
