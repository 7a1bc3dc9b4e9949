// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Price } from './price';

afterEach(cleanup);

describe('Price', () => {
  it('strikes through the list price and shows the sale price when on sale', () => {
    const { container } = render(<Price listPrice={980} salePrice={790} />);
    const struck = container.querySelector('s');
    expect(struck).not.toBeNull();
    expect(struck).toHaveTextContent('$980.00');
    expect(struck).not.toHaveTextContent('$790.00');
    // Screen readers hear which price is which, not just two numbers.
    expect(screen.getByText(/Sale price/)).toBeInTheDocument();
    expect(container).toHaveTextContent('Sale price $790.00 Was $980.00');
  });

  it('shows one plain price when not on sale', () => {
    const { container } = render(<Price listPrice={1290} salePrice={null} />);
    expect(container.querySelector('s')).toBeNull();
    expect(container).toHaveTextContent(/^\$1,290\.00$/);
  });

  it('ignores a "sale" price that is not lower than the list price', () => {
    const { container } = render(<Price listPrice={500} salePrice={500} />);
    expect(container.querySelector('s')).toBeNull();
    expect(container).toHaveTextContent(/^\$500\.00$/);
  });
});
