import { DocumentIndex } from '../../../src/review/graph/document-index';

// Types interleaved in the document: a grant's row order is the document's, whichever type it is.
const document = {
  resource: {
    azurerm_role_assignment: { a: { scope: '/subscriptions/1' }, c: { scope: '/subscriptions/3' } },
    azurerm_pim_active_role_assignment: { b: { scope: '/subscriptions/2' } },
    azurerm_marketplace_role_assignment: { d: { principal_id: 'x' } },
  },
  data: { azurerm_role_assignment: { looked_up: { scope: '/subscriptions/9' } } },
};

describe('DocumentIndex.ofType', () => {
  const index = new DocumentIndex('main.tf.json', document);

  test('one type: its resources in document order, data sources left out', () => {
    expect(index.ofType('azurerm_role_assignment').map((b) => b.address)).toEqual(['azurerm_role_assignment.a', 'azurerm_role_assignment.c']);
  });

  test('several types: their resources merged back into document order', () => {
    const addresses = index.ofType('azurerm_marketplace_role_assignment', 'azurerm_role_assignment', 'azurerm_pim_active_role_assignment').map((b) => b.address);
    expect(addresses).toEqual([
      'azurerm_role_assignment.a',
      'azurerm_role_assignment.c',
      'azurerm_pim_active_role_assignment.b',
      'azurerm_marketplace_role_assignment.d',
    ]);
    // Document order is the order blocksOf read them in: positions rise.
    const positions = index.ofType('azurerm_role_assignment', 'azurerm_pim_active_role_assignment', 'azurerm_marketplace_role_assignment').map((b) => b.position);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(positions).toHaveLength(4);
  });

  test('types the document does not hold give nothing, alone or beside one it holds', () => {
    expect(index.ofType('azapi_resource')).toEqual([]);
    expect(index.ofType('azapi_resource', 'azapi_update_resource')).toEqual([]);
    expect(index.ofType('azapi_resource', 'azurerm_pim_active_role_assignment').map((b) => b.address)).toEqual(['azurerm_pim_active_role_assignment.b']);
  });
});
